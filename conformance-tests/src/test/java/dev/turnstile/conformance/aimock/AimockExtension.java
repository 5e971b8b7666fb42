package dev.turnstile.conformance.aimock;

import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Gives a test class its own aimock process: started before the class's first test (installing the pinned
 * package with {@code npm ci} first if {@code node_modules} lacks it), stopped with its process tree after
 * the last. Register it in a static field:
 *
 * <pre>{@code
 * @RegisterExtension
 * static final AimockExtension AIMOCK = AimockExtension.withFlags("--chaos-ratelimit", "1");
 * }</pre>
 *
 * <p>Without Node.js 20.15+ (or npm, when an install is needed) the class's tests are skipped with the reason;
 * with {@code CI=true} (system property or environment variable) they fail instead, because CI must run them.
 */
final class AimockExtension implements BeforeAllCallback, BeforeEachCallback, AfterAllCallback {

    private final List<String> flags;
    private AimockServer server;
    private String skipReason;

    private AimockExtension(List<String> flags) {
        this.flags = List.copyOf(flags);
    }

    /** aimock with no chaos: faults come only from fixtures. */
    static AimockExtension plain() {
        return new AimockExtension(List.of());
    }

    /** aimock started with extra command-line flags. */
    static AimockExtension withFlags(String... flags) {
        return new AimockExtension(List.of(flags));
    }

    /** The running server; only during the class's tests. */
    AimockServer server() {
        if (server == null) {
            throw new IllegalStateException("aimock is not running: register the extension with @RegisterExtension on a static field");
        }
        return server;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        AimockInstall.Installed installed;
        try {
            installed = AimockInstall.ensure();
        } catch (AimockInstall.Unavailable e) {
            if (AimockInstall.requiredByCi()) {
                throw new IllegalStateException("CI=true, so the aimock tests must run, but they cannot: " + e.getMessage(), e);
            }
            // Aborted per test rather than here: surefire reports a class aborted in beforeAll as "Tests run: 0",
            // hiding both the skip and its reason.
            skipReason = "aimock tests skipped: " + e.getMessage() + " (with CI=true they fail instead)";
            System.err.println(context.getRequiredTestClass().getSimpleName() + ": " + skipReason);
            return;
        }
        server = AimockServer.start(installed, context.getRequiredTestClass().getSimpleName(), flags, Provider.keys());
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        if (skipReason != null) {
            Assumptions.abort(skipReason);
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (server != null) {
            server.close();
            server = null;
        }
    }
}
