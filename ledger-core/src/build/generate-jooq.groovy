// Generates the jOOQ classes of ledger-core from the Flyway migrations applied to a real
// PostgreSQL 17 (embedded, started for the occasion). Run by gmavenplus in generate-sources.
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres
import org.flywaydb.core.Flyway
import org.jooq.codegen.GenerationTool
import org.jooq.meta.jaxb.Configuration
import org.jooq.meta.jaxb.Database
import org.jooq.meta.jaxb.Generate
import org.jooq.meta.jaxb.Generator
import org.jooq.meta.jaxb.Jdbc
import org.jooq.meta.jaxb.Target

def migrations = new File(project.properties['migrations.dir'])
def target = new File(project.properties['jooq.target.dir'])
def stamp = new File(target, '.generated-from-migrations')
project.addCompileSourceRoot(target.absolutePath)
def newestMigration = (migrations.listFiles() ?: []).collect { it.lastModified() }.max() ?: 0L
def thisScript = new File(project.basedir, 'src/build/generate-jooq.groovy').lastModified()
if (stamp.exists() && stamp.lastModified() >= Math.max(newestMigration, thisScript)) {
    log.info("jOOQ classes are up to date with ${migrations}")
    return
}

def pg = EmbeddedPostgres.builder().start()
try {
    def url = pg.getJdbcUrl('postgres', 'postgres')
    Flyway.configure(Flyway.classLoader)
            .dataSource(url, 'postgres', 'postgres')
            .locations("filesystem:${migrations.absolutePath}")
            .load()
            .migrate()
    target.deleteDir()
    GenerationTool.generate(new Configuration()
            .withJdbc(new Jdbc().withDriver('org.postgresql.Driver').withUrl(url)
                    .withUser('postgres').withPassword('postgres'))
            .withGenerator(new Generator()
                    .withDatabase(new Database()
                            .withName('org.jooq.meta.postgres.PostgresDatabase')
                            .withInputSchema('public')
                            .withOutputSchemaToDefault(true)
                            .withExcludes('flyway_schema_history'))
                    .withGenerate(new Generate()
                            .withRecords(true)
                            .withPojos(false)
                            .withJavaTimeTypes(true)
                            .withGeneratedAnnotation(false))
                    .withTarget(new Target()
                            .withPackageName('coop.sol.ledger.jooq')
                            .withDirectory(target.absolutePath))))
    stamp.parentFile.mkdirs()
    stamp.text = "generated from ${migrations}\n"
} finally {
    pg.close()
}
