package dev.consentvault.core.crypto;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Where a ciphertext lives: table, partition key, sort key and attribute. Used as the AES-GCM
 * associated data, so a ciphertext copied onto another item (or attribute) fails to open.
 */
public record RecordBinding(String table, String pk, String sk, String attribute) {

    byte[] associatedData(int formatVersion) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (String part :
                new String[] {"consent-vault", "v" + formatVersion, table, pk, sk, attribute}) {
            byte[] bytes = part.getBytes(StandardCharsets.UTF_8);
            // length-prefixed so ("ab","c") and ("a","bc") never produce the same bytes
            out.write(bytes.length >>> 8);
            out.write(bytes.length);
            out.writeBytes(bytes);
        }
        return out.toByteArray();
    }
}
