package dev.turnstile.host.store;

import java.nio.file.Path;

/**
 * A file was written with a newer schema version than this build understands, typically by a
 * newer Turnstile release. Reading it anyway could misinterpret it, so the store refuses.
 */
public final class UnsupportedSchemaVersionException extends StoreException {

    private static final long serialVersionUID = 1L;

    private final transient Path file;
    /** The schema version stamped in the file. */
    private final int foundVersion;
    /** The newest schema version this build reads. */
    private final int supportedVersion;

    /**
     * Creates an exception.
     *
     * @param file the file that was refused
     * @param foundVersion the schema version stamped in the file
     * @param supportedVersion the newest schema version this build reads
     */
    public UnsupportedSchemaVersionException(Path file, int foundVersion, int supportedVersion) {
        super(file + ": written with schema version " + foundVersion + ", but this Turnstile build"
                + " reads schema versions up to " + supportedVersion + "; open it with a newer Turnstile");
        this.file = file;
        this.foundVersion = foundVersion;
        this.supportedVersion = supportedVersion;
    }

    /**
     * The schema version stamped in the file.
     *
     * @return the version found
     */
    public int foundVersion() {
        return foundVersion;
    }

    /**
     * The newest schema version this build reads.
     *
     * @return the supported version
     */
    public int supportedVersion() {
        return supportedVersion;
    }

    /**
     * The file that was refused.
     *
     * @return its path
     */
    public Path file() {
        return file;
    }
}
