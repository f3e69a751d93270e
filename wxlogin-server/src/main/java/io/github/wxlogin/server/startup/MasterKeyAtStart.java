package io.github.wxlogin.server.startup;

import io.github.wxlogin.core.crypto.MasterKeys;
import io.github.wxlogin.core.crypto.SecretBox;
import io.github.wxlogin.core.token.SigningKeys;
import io.github.wxlogin.core.token.StoredSigningKey;
import io.github.wxlogin.server.config.ConfigurationMistake;
import io.github.wxlogin.server.config.WxLoginProperties;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The master key at start: {@code WXLOGIN_MASTER_KEY}, or the key file of the data directory, or a
 * new key file. The key is checked against the signing keys already stored (sealed under it): a key
 * that does not open them, or a missing key file next to them, stops the start before anything is
 * sealed or written. A new key file is written only where nothing is stored yet.
 */
final class MasterKeyAtStart {

    static final String SETTING = "WXLOGIN_MASTER_KEY";

    private MasterKeyAtStart() {}

    /** The configured or stored key, if any; reads only. A malformed one is a {@link ConfigurationMistake}. */
    static Optional<byte[]> configuredOrStored(WxLoginProperties props) {
        if (!props.masterKey().isBlank()) {
            try {
                return Optional.of(MasterKeys.decode(props.masterKey(), SETTING));
            } catch (IllegalArgumentException e) {
                throw new ConfigurationMistake(e.getMessage() + ": set it to the key that sealed your data,"
                        + " or for a new deployment to a new one (openssl rand -base64 32).");
            }
        }
        Path file = MasterKeys.file(dataDir(props));
        try {
            return MasterKeys.read(dataDir(props));
        } catch (IllegalArgumentException e) {
            throw new ConfigurationMistake("The master key file " + e.getMessage()
                    + " (the service writes it once and never edits it): restore it from a backup or set "
                    + SETTING + " to the key; only if nothing was ever stored in " + file.getParent()
                    + ", delete it to have a new one made.");
        } catch (UncheckedIOException e) {
            throw new ConfigurationMistake("The master key file " + file + " cannot be read ("
                    + e.getCause().getMessage() + "): give the service's user read access to it.");
        }
    }

    /**
     * The configured or stored key, checked against {@code stored} (the active signing keys, newest
     * first); empty when there is none and nothing is stored, so that a new one may be made.
     *
     * @param where the stored data, as the operator knows it ({@link #where})
     */
    static Optional<byte[]> check(WxLoginProperties props, List<StoredSigningKey> stored, String where) {
        Optional<byte[]> key = configuredOrStored(props);
        Path file = MasterKeys.file(dataDir(props));
        if (key.isEmpty()) {
            if (!stored.isEmpty()) {
                throw new ConfigurationMistake(capitalized(where) + " holds data sealed under a master key, but"
                        + " there is neither " + SETTING + " nor " + file + ": restore that file from a backup,"
                        + " or set " + SETTING + " to the key.");
            }
            return key;
        }
        if (!SigningKeys.opensWith(stored, new SecretBox(key.get()))) {
            String used = props.masterKey().isBlank() ? "The master key file " + file : SETTING;
            throw new ConfigurationMistake(used + " does not open the data already in " + where
                    + " (it was sealed under another master key, such as the " + MasterKeys.FILE_NAME
                    + " that dev mode writes into its data directory): use the key it was sealed under,"
                    + " or start on a fresh data directory (WXLOGIN_DATA_DIR) or database (WXLOGIN_DB_URL).");
        }
        return key;
    }

    /** The box of the deployment's master key, made and stored when there is none and nothing is sealed yet. */
    static SecretBox open(WxLoginProperties props, List<StoredSigningKey> stored, String where) {
        return new SecretBox(check(props, stored, where).orElseGet(() -> MasterKeys.create(dataDir(props))));
    }

    /** The stored data as the operator knows it: the data directory of the embedded database, or WXLOGIN_DB_URL's. */
    static String where(boolean embedded, Path dataDir) {
        return embedded
                ? "the data directory " + dataDir.toAbsolutePath().normalize()
                : "the database of WXLOGIN_DB_URL";
    }

    private static Path dataDir(WxLoginProperties props) {
        return props.dataDir().toAbsolutePath().normalize();
    }

    private static String capitalized(String s) {
        return Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
