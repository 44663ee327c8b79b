package dev.consentvault.core.access;

/**
 * A validated {@code POST /v1/access-sessions}: the emailed link's token, or the phone number and
 * the code texted to it. {@code toString} leaves all three out: each opens a person's data.
 */
public record Redemption(String linkToken, String phone, String code) {

    @Override
    public String toString() {
        return "Redemption[" + (linkToken != null ? "link" : "code") + "]";
    }
}
