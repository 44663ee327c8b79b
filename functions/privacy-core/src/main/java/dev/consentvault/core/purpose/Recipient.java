package dev.consentvault.core.purpose;

/**
 * A third party a purpose provides personal data to, as a notice must name it where the law asks
 * (PIPL Arts. 23 and 39: the recipient's name, contact and, for a transfer abroad, where it is).
 *
 * @param name as in the purpose's {@code thirdParties}
 * @param location ISO 3166 code of the country the recipient handles the data in ("SG")
 * @param contact how the person reaches it (an address or a web page)
 */
public record Recipient(String name, String location, String contact) {

    /** Whether giving this recipient the data takes it out of the jurisdiction's country. */
    public boolean abroadFrom(String jurisdiction) {
        return !jurisdiction.split("-", 2)[0].equals(location);
    }
}
