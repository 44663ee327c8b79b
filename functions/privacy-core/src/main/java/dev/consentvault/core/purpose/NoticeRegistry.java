package dev.consentvault.core.purpose;

import dev.consentvault.core.i18n.Locales;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * The notice versions of the catalogue, in order of their effective dates. Capture names one; a
 * later material version in effect supersedes it for the purposes it affects, and a receipt that
 * granted one of them then needs the person's consent again.
 */
public final class NoticeRegistry {

    private final List<Notice> notices;

    NoticeRegistry(List<Notice> notices) {
        this.notices = List.copyOf(notices);
    }

    public Optional<Notice> find(String version) {
        return notices.stream().filter(n -> n.version().equals(version)).findFirst();
    }

    /** Every version, oldest first. */
    public List<Notice> all() {
        return notices;
    }

    /** The version in effect on a day: the latest whose effective date has come. */
    public Optional<Notice> current(Instant at) {
        LocalDate day = at.atOffset(ZoneOffset.UTC).toLocalDate();
        Notice current = null;
        for (Notice notice : notices) {
            if (!notice.effective().isAfter(day)) {
                current = notice;
            }
        }
        return Optional.ofNullable(current);
    }

    /**
     * The material versions in effect at {@code at} that came after {@code version} and affect
     * {@code purposeId}. A version the registry no longer lists is superseded by every material
     * version in effect: nothing shows what the person was told.
     */
    public List<Notice> supersedingMaterially(String version, String purposeId, Instant at) {
        LocalDate day = at.atOffset(ZoneOffset.UTC).toLocalDate();
        int index = -1;
        for (int i = 0; i < notices.size(); i++) {
            if (notices.get(i).version().equals(version)) {
                index = i;
            }
        }
        List<Notice> superseding = new ArrayList<>();
        for (int i = index + 1; i < notices.size(); i++) {
            Notice later = notices.get(i);
            if (!later.effective().isAfter(day) && later.materiallyAffects(purposeId)) {
                superseding.add(later);
            }
        }
        return superseding;
    }

    /** Whether a receipt's grants of these purposes under {@code version} must be asked again. */
    public boolean reconsentRequired(
            String version, Collection<String> grantedPurposes, Instant at) {
        return grantedPurposes.stream()
                .anyMatch(p -> !supersedingMaterially(version, p, at).isEmpty());
    }

    /**
     * The text of a version shown in a locale: the locale's own, else English (every version has
     * it). Returns the locale actually used with it.
     */
    public static java.util.Map.Entry<String, Notice.Text> shown(Notice notice, String locale) {
        String used = notice.texts().containsKey(locale) ? locale : Locales.DEFAULT;
        return java.util.Map.entry(used, notice.texts().get(used));
    }
}
