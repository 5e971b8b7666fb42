package dev.turnstile.host.store;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static java.nio.charset.StandardCharsets.UTF_8;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.zip.CRC32C;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.json.JsonMapper;

/**
 * Encodes and decodes the store's lines; the package documentation specifies the format. Every
 * line is a JSON object whose last member is {@code "crc":"<8 lower-case hex digits>"}: the
 * CRC32C of the line's UTF-8 bytes from the opening brace up to and including the comma
 * before {@code "crc"}. The fixed-width suffix makes the covered bytes simply "all but the last
 * 17 bytes of the line (without its newline)".
 */
final class LineFormat {

    /** The newest schema version this build reads; also the one it writes. */
    static final int SCHEMA_VERSION = 1;

    /** {@code "crc":"hhhhhhhh"}} — the bytes after the CRC-covered content. */
    static final int CRC_SUFFIX_LENGTH = 17;

    private static final byte[] CRC_OPEN = "\"crc\":\"".getBytes(US_ASCII);
    private static final JsonMapper MAPPER = JsonMapper.builder().build();
    private static final HexFormat HEX = HexFormat.of();

    /** The first line of a journal file. */
    record HeaderLine(String sessionId, String headerJson) {}

    /** Every later line of a journal file. */
    record EntryLine(long sequence, String entryJson) {}

    /** The only line of a checkpoint file. */
    record CheckpointLine(String sessionId, long journalSequence, String snapshotJson) {}

    private LineFormat() {}

    static byte[] headerLine(String sessionId, String headerJson) {
        return seal("{\"schema\":" + SCHEMA_VERSION + ",\"session\":\"" + sessionId + "\",\"header\":"
                + headerJson + ",");
    }

    static byte[] entryLine(long sequence, String entryJson) {
        return seal("{\"seq\":" + sequence + ",\"entry\":" + entryJson + ",");
    }

    static byte[] checkpointLine(String sessionId, long journalSequence, String snapshotJson) {
        return seal("{\"schema\":" + SCHEMA_VERSION + ",\"session\":\"" + sessionId + "\",\"seq\":"
                + journalSequence + ",\"snapshot\":" + snapshotJson + ",");
    }

    /**
     * The schema version of a header or checkpoint line, read from its first member before
     * anything else is checked: a newer version may lay out (or checksum) the rest differently.
     *
     * @return the version, or -1 if the line's first member is not an integer {@code schema}
     */
    static int leadingSchemaVersion(byte[] line) {
        try (JsonParser parser = MAPPER.createParser(line)) {
            if (parser.nextToken() == JsonToken.START_OBJECT
                    && parser.nextToken() == JsonToken.PROPERTY_NAME
                    && parser.currentName().equals("schema")
                    && parser.nextToken() == JsonToken.VALUE_NUMBER_INT) {
                return parser.getIntValue();
            }
            return -1;
        } catch (JacksonException e) {
            return -1;
        }
    }

    static HeaderLine decodeHeader(byte[] line) throws MalformedLineException {
        Cursor cursor = new Cursor(unseal(line));
        cursor.expect("{\"schema\":" + SCHEMA_VERSION + ",\"session\":\"", "the schema version 1");
        String sessionId = cursor.sessionId();
        cursor.expect(",\"header\":", "the header member");
        return new HeaderLine(sessionId, cursor.lastObject("the header"));
    }

    static EntryLine decodeEntry(byte[] line) throws MalformedLineException {
        Cursor cursor = new Cursor(unseal(line));
        cursor.expect("{\"seq\":", "the seq member");
        long sequence = cursor.number("the sequence number");
        cursor.expect(",\"entry\":", "the entry member");
        return new EntryLine(sequence, cursor.lastObject("the entry"));
    }

    static CheckpointLine decodeCheckpoint(byte[] line) throws MalformedLineException {
        Cursor cursor = new Cursor(unseal(line));
        cursor.expect("{\"schema\":" + SCHEMA_VERSION + ",\"session\":\"", "the schema version 1");
        String sessionId = cursor.sessionId();
        cursor.expect(",\"seq\":", "the seq member");
        long journalSequence = cursor.number("the journal sequence number");
        cursor.expect(",\"snapshot\":", "the snapshot member");
        return new CheckpointLine(sessionId, journalSequence, cursor.lastObject("the snapshot"));
    }

    private static byte[] seal(String content) {
        byte[] covered = content.getBytes(UTF_8);
        CRC32C crc = new CRC32C();
        crc.update(covered);
        byte[] suffix = ("\"crc\":\"" + hex8(crc.getValue()) + "\"}\n").getBytes(US_ASCII);
        byte[] line = Arrays.copyOf(covered, covered.length + suffix.length);
        System.arraycopy(suffix, 0, line, covered.length, suffix.length);
        return line;
    }

    /** Checks the CRC of a line (given without its newline) and returns the covered content. */
    private static String unseal(byte[] line) throws MalformedLineException {
        int coveredLength = line.length - CRC_SUFFIX_LENGTH;
        if (coveredLength < 2 || !hasCrcSuffix(line, coveredLength) || line[coveredLength - 1] != ',') {
            throw new MalformedLineException("does not end with ,\"crc\":\"<8 hex digits>\"}");
        }
        long stored = HEX.fromHexDigitsToLong(new String(line, coveredLength + 7, 8, US_ASCII));
        CRC32C crc = new CRC32C();
        crc.update(line, 0, coveredLength);
        if (crc.getValue() != stored) {
            throw new MalformedLineException("CRC32C mismatch: the line records " + hex8(stored)
                    + " but its content hashes to " + hex8(crc.getValue()));
        }
        try {
            return UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(line, 0, coveredLength))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new MalformedLineException("not valid UTF-8");
        }
    }

    private static boolean hasCrcSuffix(byte[] line, int start) {
        if (!Arrays.equals(line, start, start + CRC_OPEN.length, CRC_OPEN, 0, CRC_OPEN.length)) {
            return false;
        }
        for (int i = start + CRC_OPEN.length; i < start + CRC_OPEN.length + 8; i++) {
            if (!((line[i] >= '0' && line[i] <= '9') || (line[i] >= 'a' && line[i] <= 'f'))) {
                return false;
            }
        }
        return line[line.length - 2] == '"' && line[line.length - 1] == '}';
    }

    private static String hex8(long crc) {
        return HEX.toHexDigits((int) crc);
    }

    /** Walks the CRC-checked content, which always ends with the comma before the CRC. */
    private static final class Cursor {
        private final String text;
        private int position;

        Cursor(String text) {
            this.text = text;
        }

        void expect(String literal, String what) throws MalformedLineException {
            if (!text.startsWith(literal, position)) {
                throw new MalformedLineException("expected " + what + " at character " + (position + 1));
            }
            position += literal.length();
        }

        long number(String what) throws MalformedLineException {
            int start = position;
            while (position < text.length()
                    && text.charAt(position) >= '0' && text.charAt(position) <= '9') {
                position++;
            }
            String digits = text.substring(start, position);
            if (digits.isEmpty() || (digits.length() > 1 && digits.charAt(0) == '0')) {
                throw new MalformedLineException(what + " is not a plain non-negative integer");
            }
            try {
                return Long.parseLong(digits);
            } catch (NumberFormatException e) {
                throw new MalformedLineException(what + " is out of range");
            }
        }

        String sessionId() throws MalformedLineException {
            int end = text.indexOf('"', position);
            if (end < 0 || !SessionIds.isValid(text.substring(position, end))) {
                throw new MalformedLineException("the session member is not a valid session id");
            }
            String id = text.substring(position, end);
            position = end + 1;
            return id;
        }

        /** The rest of the content up to the final comma, which must be exactly one JSON object. */
        String lastObject(String what) throws MalformedLineException {
            String json = text.substring(Math.min(position, text.length() - 1), text.length() - 1);
            String problem = json.startsWith("{") && json.endsWith("}")
                    ? JsonText.objectProblem(json)
                    : "it does not start with '{' and end with '}'";
            if (problem != null) {
                throw new MalformedLineException(what + " is not one JSON object: " + problem);
            }
            return json;
        }
    }
}
