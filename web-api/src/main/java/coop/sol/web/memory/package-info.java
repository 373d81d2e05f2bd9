/**
 * The application's footprint at idle: after a burst of work the JVM keeps the heap it grew and the
 * C library keeps its freed arenas, so a server that has gone quiet would hold hundreds of MiB it
 * no longer uses. {@link coop.sol.web.memory.IdleMemoryTrim} gives them back once the application
 * has been idle for a while ({@code sol.memory.*}).
 */
package coop.sol.web.memory;
