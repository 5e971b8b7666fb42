package dev.turnstile.host.store;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** Runs the journal contract against {@link FileJournal} with real files and real syncs. */
class FileJournalContractTest extends JournalContractTest {

    @TempDir
    Path directory;

    @Override
    protected Journal newJournal() {
        return FileJournal.open(directory);
    }
}
