package coop.sol.ledger.db;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Function;

/**
 * Reads that arrive together share one statement. A caller queues its read; if fewer than {@code
 * statements} batches are running, it runs one itself over what is queued (its own read and the
 * others', at most {@code maxBatch}), otherwise it waits until a batch answers it or a running one
 * ends and it may run the next. Nobody waits for company: a read alone runs at once, as it would
 * without this class. Under load each statement, round trip and pool checkout serves several reads.
 *
 * <p>Each read is still answered by a statement that started after it was asked and before it
 * returns: what a caller reads is what it would have read alone at some moment of its call. The
 * statements run on the callers' threads; no thread of this class's own.
 *
 * <p>A failed batch fails each of its reads with the same exception.
 *
 * @param <Q> a read's question
 * @param <R> its answer
 */
public final class CoalescedReads<Q, R> {
  private final Function<List<Q>, List<R>> batch;
  private final int maxBatch;
  private final Semaphore running;
  private final ConcurrentLinkedQueue<Read<Q, R>> queued = new ConcurrentLinkedQueue<>();

  /**
   * @param batch answers a list of questions in one statement, an answer per question in the same
   *     order
   * @param maxBatch the most questions in one batch, at least 1
   * @param statements the most batches running at once, at least 1
   */
  public CoalescedReads(Function<List<Q>, List<R>> batch, int maxBatch, int statements) {
    if (maxBatch < 1 || statements < 1) {
      throw new IllegalArgumentException(
          "maxBatch and statements are at least 1: " + maxBatch + ", " + statements);
    }
    this.batch = Objects.requireNonNull(batch);
    this.maxBatch = maxBatch;
    this.running = new Semaphore(statements);
  }

  /** The answer to {@code question}, from a batch this thread or another one ran. */
  public R read(Q question) {
    Read<Q, R> read = new Read<>(question, Thread.currentThread());
    queued.add(read);
    boolean interrupted = false;
    while (!read.answered) {
      if (running.tryAcquire()) {
        try {
          runOne();
        } finally {
          running.release();
          // A read queued while every permit was taken waits for this: wake the oldest, which runs
          // the next batch (or finds a batch running, whose end wakes the oldest again).
          Read<Q, R> oldest = queued.peek();
          if (oldest != null) {
            LockSupport.unpark(oldest.thread);
          }
        }
      } else if (!read.answered) {
        LockSupport.park(this);
        // The batch that holds this read is bounded by the statement's timeout; an interrupt is
        // kept for the caller rather than abandoning a read another thread may be running.
        interrupted |= Thread.interrupted();
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
    return read.answer();
  }

  /** Reads waiting for a batch to take them (for tests). */
  int queuedCount() {
    return queued.size();
  }

  private void runOne() {
    List<Read<Q, R>> reads = new ArrayList<>(Math.min(maxBatch, 16));
    Read<Q, R> next;
    while (reads.size() < maxBatch && (next = queued.poll()) != null) {
      reads.add(next);
    }
    if (reads.isEmpty()) {
      return;
    }
    List<R> answers;
    try {
      List<Q> questions = new ArrayList<>(reads.size());
      for (Read<Q, R> read : reads) {
        questions.add(read.question);
      }
      answers = batch.apply(questions);
      if (answers.size() != reads.size()) {
        throw new IllegalStateException(
            reads.size() + " questions, " + answers.size() + " answers");
      }
    } catch (RuntimeException | Error failure) {
      for (Read<Q, R> read : reads) {
        read.fail(failure);
      }
      return;
    }
    for (int i = 0; i < reads.size(); i++) {
      reads.get(i).answer(answers.get(i));
    }
  }

  private static final class Read<Q, R> {
    final Q question;
    final Thread thread;
    private R answer;
    private Throwable failure;
    // Written last, after the answer or the failure: reading it true makes them visible.
    volatile boolean answered;

    Read(Q question, Thread thread) {
      this.question = question;
      this.thread = thread;
    }

    void answer(R value) {
      answer = value;
      answered = true;
      LockSupport.unpark(thread);
    }

    void fail(Throwable value) {
      failure = value;
      answered = true;
      LockSupport.unpark(thread);
    }

    R answer() {
      if (failure instanceof RuntimeException e) {
        throw e;
      }
      if (failure instanceof Error e) {
        throw e;
      }
      return answer;
    }
  }
}
