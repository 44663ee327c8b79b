package dev.consentvault.local.it;

import java.util.UUID;

/** Capture bodies with personal data unique to each call, so a raw scan can look for exactly it. */
final class Captures {

    final String email;
    final String phone;
    final String name;

    Captures() {
        String unique = UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        email = "ana.cherry." + unique + "@example.com";
        phone = "+3460" + String.format("%07d", Math.abs(unique.hashCode() % 10_000_000));
        name = "Anaïs Cherrywood " + unique.substring(0, 4);
    }

    /** marketing-email + marketing-sms + contest-entry granted: every personal field is stored. */
    String everyField() {
        return """
                {"subject": {"email": "%s", "phone": "%s", "name": "%s"},
                 "purposes": {"marketing-email": true, "marketing-sms": true, "contest-entry": true, "personalised-ads": false},
                 "noticeVersion": "2026-11-01", "source": {"page": "cherries-tiktok", "campaign": "cny-2027"},
                 "jurisdiction": "EU", "locale": "es-ES", "ageConfirmed": true}
                """
                .formatted(email, phone, name);
    }

    String emailOnly() {
        return """
                {"subject": {"email": "%s"}, "purposes": {"marketing-email": true},
                 "noticeVersion": "2026-11-01", "source": {"page": "cherries-tiktok"}, "jurisdiction": "EU", "ageConfirmed": true}
                """
                .formatted(email);
    }
}
