package io.github.wxlogin.core.crypto;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import java.util.Set;

/**
 * The master key that seals session_keys and signing keys at rest: given as base64 of 32 bytes
 * (every instance of a deployment shares it), or else generated once into the data directory, in a
 * file only its owner can read ({@value #FILE_NAME}, base64 and a newline).
 *
 * <p>Reading and creating are apart, so that a caller can check the key against the data already
 * stored before it writes a new key file next to that data.
 */
public final class MasterKeys {

    public static final String FILE_NAME = "master.key";
    private static final int LENGTH = 32;
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

    private MasterKeys() {}

    /**
     * A configured key, decoded.
     *
     * @param source what the value is called in messages (the setting's name); the value itself never is
     * @throws IllegalArgumentException when it is not base64 of 32 bytes
     */
    public static byte[] decode(String base64, String source) {
        String value = base64.strip();
        if (value.isEmpty()) {
            throw new IllegalArgumentException(source + " is empty");
        }
        byte[] key;
        try {
            key = Base64.getDecoder().decode(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(source + " is not base64");
        }
        if (key.length != LENGTH) {
            throw new IllegalArgumentException(
                    source + " must be base64 of " + LENGTH + " bytes, not of " + key.length);
        }
        return key;
    }

    /** The key file of a data directory, whether or not it exists. */
    public static Path file(Path dataDir) {
        return dataDir.resolve(FILE_NAME);
    }

    /**
     * The key stored in {@code dataDir}, if its key file exists; never writes anything.
     *
     * @throws IllegalArgumentException when the file is not a regular file, is empty, or does not
     *     hold base64 of 32 bytes (a key file is never edited: such a file is damaged)
     * @throws UncheckedIOException when it cannot be read
     */
    public static Optional<byte[]> read(Path dataDir) {
        Path file = file(dataDir);
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException(file + " is not a file");
        }
        try {
            return Optional.of(decode(Files.readString(file, StandardCharsets.US_ASCII), file.toString()));
        } catch (CharacterCodingException notAscii) {
            throw new IllegalArgumentException(file + " is not base64");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the master key file " + file, e);
        }
    }

    /**
     * Generates a key and stores it in {@code dataDir} (made if missing), atomically: written to a
     * temporary file in the same directory, owner-only from its creation, flushed to disk, then given
     * its name in one step and the directory flushed, so a crash leaves either no key file or a whole
     * one. When another process stored one first, that key is returned and this one dropped.
     */
    public static byte[] create(Path dataDir) {
        Path file = file(dataDir);
        byte[] key = new byte[LENGTH];
        new SecureRandom().nextBytes(key);
        byte[] content = (Base64.getEncoder().encodeToString(key) + "\n").getBytes(StandardCharsets.US_ASCII);
        Path temp = null;
        try {
            Files.createDirectories(dataDir);
            temp = Files.createTempFile(dataDir, "." + FILE_NAME + ".", ".tmp", ownerOnly(dataDir));
            try (FileChannel out = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                ByteBuffer buffer = ByteBuffer.wrap(content);
                while (buffer.hasRemaining()) {
                    out.write(buffer);
                }
                out.force(true);
            }
            if (!publish(temp, file)) {
                return read(dataDir).orElseThrow(() -> new IllegalStateException(file + " vanished"));
            }
            syncDirectory(dataDir);
            return key;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the master key file " + file, e);
        } finally {
            deleteQuietly(temp);
        }
    }

    /**
     * Gives the written file its name unless a key file already exists: a hard link makes the name
     * and fails when it is taken, in one step. Where the file system has no hard links, a move that
     * refuses an existing target (checked first, so not atomic against a racing process). False when
     * a key file was already there.
     */
    private static boolean publish(Path temp, Path file) throws IOException {
        try {
            Files.createLink(file, temp);
            return true;
        } catch (FileAlreadyExistsException taken) {
            return false;
        } catch (UnsupportedOperationException | IOException noLinks) {
            try {
                Files.move(temp, file);
                return true;
            } catch (FileAlreadyExistsException taken) {
                return false;
            }
        }
    }

    private static FileAttribute<?>[] ownerOnly(Path dir) {
        boolean posix = dir.getFileSystem().supportedFileAttributeViews().contains("posix");
        return posix
                ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(OWNER_ONLY)}
                : new FileAttribute<?>[0];
    }

    /** Makes the new name durable; best effort where a directory cannot be opened (not on Linux or macOS). */
    private static void syncDirectory(Path dir) {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException | UnsupportedOperationException notSupported) {
            // Windows opens no directory: its rename is durable by other means.
        }
    }

    private static void deleteQuietly(Path temp) {
        if (temp == null) {
            return;
        }
        try {
            Files.deleteIfExists(temp);
        } catch (IOException e) {
            // A stray temporary file holds a key nothing was sealed under; the next start ignores it.
        }
    }
}
