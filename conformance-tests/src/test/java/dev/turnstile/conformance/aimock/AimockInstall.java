package dev.turnstile.conformance.aimock;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Finds Node.js and the aimock package pinned in {@code conformance-tests/aimock/package.json}, running
 * {@code npm ci} there when {@code node_modules} does not hold exactly the pinned version.
 *
 * <p>What is missing is reported as {@link Unavailable}; {@link AimockExtension} turns that into a skipped
 * test class, or a failed one when {@link #requiredByCi()}.
 */
final class AimockInstall {

    /** The npm package. */
    static final String PACKAGE = "@copilotkit/aimock";
    /** aimock's {@code engines.node}; older versions fail to load it ({@code zlib.crc32} arrived in 20.15). */
    static final int[] MIN_NODE = {20, 15, 0};

    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration NPM_CI_TIMEOUT = Duration.ofMinutes(5);
    private static final Pattern NODE_VERSION = Pattern.compile("v(\\d+)\\.(\\d+)\\.(\\d+)");
    private static final Pattern EXACT_VERSION = Pattern.compile("\\d+\\.\\d+\\.\\d+");
    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    /** The result of the first {@link #ensure()}, shared by every test class of the run. */
    private static Installed installed;
    private static Unavailable unavailable;

    /**
     * A usable installation.
     *
     * @param node the {@code node} command: {@code -Dturnstile.aimock.node}, else {@code node} from the PATH
     * @param nodeVersion what {@code node --version} printed
     * @param cli the script of aimock's flag-driven {@code llmock} command, which takes the {@code --chaos-*} flags
     * @param version the installed (and pinned) aimock version
     */
    record Installed(String node, String nodeVersion, Path cli, String version) {}

    /** Why the aimock tests cannot run here. */
    static final class Unavailable extends Exception {
        private static final long serialVersionUID = 1L;

        Unavailable(String message) {
            super(message);
        }
    }

    private AimockInstall() {}

    /** Whether missing prerequisites must fail the tests instead of skipping them: {@code CI=true} (property or environment). */
    static boolean requiredByCi() {
        return "true".equalsIgnoreCase(System.getProperty("CI")) || "true".equalsIgnoreCase(System.getenv("CI"));
    }

    /** The folder holding {@code package.json}: {@code -Dturnstile.aimock.dir}, else {@code aimock} in the working directory. */
    static Path folder() {
        return Path.of(System.getProperty("turnstile.aimock.dir", "aimock")).toAbsolutePath().normalize();
    }

    /** Where logs go: {@code target/aimock} next to the folder. */
    static Path logDirectory() throws IOException {
        return Files.createDirectories(folder().resolveSibling("target").resolve("aimock"));
    }

    /** Node.js and the pinned aimock, installed with {@code npm ci} if needed; the first answer is kept. */
    static synchronized Installed ensure() throws Unavailable {
        if (installed != null) {
            return installed;
        }
        if (unavailable != null) {
            throw unavailable;
        }
        try {
            installed = locate();
            return installed;
        } catch (Unavailable e) {
            unavailable = e;
            throw e;
        }
    }

    private static Installed locate() throws Unavailable {
        Path folder = folder();
        String pinned = pinnedVersion(folder);
        String node = System.getProperty("turnstile.aimock.node", "node");
        String nodeVersion = nodeVersion(node);
        Path installedPackage = folder.resolve("node_modules").resolve(PACKAGE).resolve("package.json");
        if (!pinned.equals(installedVersion(installedPackage))) {
            npmCi(folder);
            String after = installedVersion(installedPackage);
            if (!pinned.equals(after)) {
                throw new IllegalStateException("npm ci in " + folder + " installed " + PACKAGE + " " + after
                        + ", but package.json pins " + pinned + ": regenerate package-lock.json");
            }
        }
        JsonNode bin = readJson(installedPackage).path("bin").path("llmock");
        if (!bin.isString()) {
            throw new IllegalStateException(installedPackage + " has no bin.llmock: has " + PACKAGE + " changed its layout?");
        }
        return new Installed(node, nodeVersion, installedPackage.resolveSibling(bin.asString()).normalize(), pinned);
    }

    /** The exact version package.json pins; a range would make runs differ, so it is refused. */
    private static String pinnedVersion(Path folder) {
        Path packageJson = folder.resolve("package.json");
        if (!Files.isRegularFile(packageJson)) {
            throw new IllegalStateException("no " + packageJson + ": run the tests from conformance-tests "
                    + "or set -Dturnstile.aimock.dir to the folder holding aimock's package.json");
        }
        String pinned = readJson(packageJson).path("dependencies").path(PACKAGE).asString("");
        if (!EXACT_VERSION.matcher(pinned).matches()) {
            throw new IllegalStateException(packageJson + " must pin " + PACKAGE + " at an exact version, found \""
                    + pinned + "\"");
        }
        return pinned;
    }

    private static String installedVersion(Path installedPackage) {
        return Files.isRegularFile(installedPackage) ? readJson(installedPackage).path("version").asString("") : "";
    }

    private static String nodeVersion(String node) throws Unavailable {
        ProcessRun run;
        try {
            run = ProcessRun.of(List.of(node, "--version"), folder(), PROBE_TIMEOUT, null);
        } catch (IOException e) {
            throw new Unavailable("Node.js (" + node + ") cannot be run (" + e.getMessage() + "); " + PACKAGE
                    + " needs Node.js " + minNode() + " or newer on the PATH (or -Dturnstile.aimock.node=<path>)");
        }
        String printed = run.output().strip();
        Matcher m = NODE_VERSION.matcher(printed);
        if (run.exitCode() != 0 || !m.find()) {
            throw new Unavailable("\"node --version\" did not print a version (exit " + run.exitCode() + "): " + printed);
        }
        int[] version = {Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3))};
        if (compare(version, MIN_NODE) < 0) {
            throw new Unavailable("Node.js " + printed + " is older than " + minNode() + ", which " + PACKAGE
                    + " needs (it does not even load on Node 18)");
        }
        return printed;
    }

    private static void npmCi(Path folder) throws Unavailable {
        Path log;
        ProcessRun run;
        try {
            log = logDirectory().resolve("npm-ci.log");
            System.out.println("aimock: running npm ci in " + folder + " (log: " + log + ")");
            run = ProcessRun.of(List.of(npm(), "ci", "--no-audit", "--no-fund"), folder, NPM_CI_TIMEOUT, log);
        } catch (IOException e) {
            throw new Unavailable("npm is not on the PATH (" + e.getMessage() + "); it installs " + PACKAGE
                    + " into " + folder.resolve("node_modules"));
        }
        if (run.timedOut()) {
            throw new Unavailable("npm ci in " + folder + " did not finish within " + NPM_CI_TIMEOUT.toMinutes()
                    + " minutes (is the npm registry reachable?); log: " + log);
        }
        if (run.exitCode() != 0) {
            throw new Unavailable("npm ci in " + folder + " failed with exit code " + run.exitCode()
                    + " (is the npm registry reachable?); log: " + log + "\n" + run.tail(20));
        }
    }

    private static JsonNode readJson(Path file) {
        try {
            return MAPPER.readTree(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + file + ": " + e, e);
        }
    }

    /** {@code npm} is a batch file on Windows, which a process builder does not find without its extension. */
    private static String npm() {
        boolean windows = System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows");
        return windows ? "npm.cmd" : "npm";
    }

    private static int compare(int[] a, int[] b) {
        for (int i = 0; i < a.length; i++) {
            if (a[i] != b[i]) {
                return Integer.compare(a[i], b[i]);
            }
        }
        return 0;
    }

    private static String minNode() {
        return MIN_NODE[0] + "." + MIN_NODE[1] + "." + MIN_NODE[2];
    }

    /** A finished (or timed-out and killed) command with its combined output. */
    record ProcessRun(int exitCode, boolean timedOut, String output) {

        /**
         * Runs {@code command} in {@code directory}, stdout and stderr together into {@code log} (a temporary
         * file when null), and waits at most {@code timeout}, killing the process tree after that.
         *
         * @throws IOException when the command cannot be started (typically: not installed)
         */
        static ProcessRun of(List<String> command, Path directory, Duration timeout, Path log) throws IOException {
            Path out = log != null ? log : Files.createTempFile("turnstile-aimock-", ".out");
            try {
                Process process = new ProcessBuilder(command).directory(directory.toFile())
                        .redirectErrorStream(true).redirectOutput(out.toFile()).start();
                boolean finished;
                try {
                    finished = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    finished = false;
                }
                if (!finished) {
                    ProcessTree.destroy(process);
                }
                return new ProcessRun(finished ? process.exitValue() : -1, !finished,
                        Files.readString(out, StandardCharsets.UTF_8));
            } finally {
                if (log == null) {
                    Files.deleteIfExists(out);
                }
            }
        }

        /** The last {@code lines} lines of output. */
        String tail(int lines) {
            List<String> all = new ArrayList<>(output.lines().toList());
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        }
    }
}
