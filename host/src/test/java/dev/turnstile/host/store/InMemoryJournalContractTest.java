package dev.turnstile.host.store;

/** Runs the journal contract against {@link InMemoryJournal}. */
class InMemoryJournalContractTest extends JournalContractTest {

    @Override
    protected Journal newJournal() {
        return new InMemoryJournal();
    }
}
