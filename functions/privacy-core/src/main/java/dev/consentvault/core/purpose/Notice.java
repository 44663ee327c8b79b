package dev.consentvault.core.purpose;

import java.time.LocalDate;
import java.util.Map;
import java.util.Set;

/**
 * One version of the privacy notice a page shows before it asks.
 *
 * @param version the id captures name in {@code noticeVersion}
 * @param effective the UTC day it takes effect
 * @param material whether it changes what people agreed to: receipts of an earlier version need
 *     their consent asked again for the purposes it affects
 * @param affects the purposes a material change affects (empty: every purpose)
 * @param texts what is shown, per supported locale (always "en")
 */
public record Notice(
        String version,
        LocalDate effective,
        boolean material,
        Set<String> affects,
        Map<String, Text> texts) {

    /**
     * What is shown in one language: the text itself or where it is published, and the SHA-256
     * (hex) of the bytes shown, which receipts record.
     */
    public record Text(String text, String url, String sha256) {}

    public Notice {
        affects = Set.copyOf(affects);
        texts = Map.copyOf(texts);
    }

    /** Whether this version, as a material change, affects a purpose. */
    public boolean materiallyAffects(String purposeId) {
        return material && (affects.isEmpty() || affects.contains(purposeId));
    }
}
