package dev.consentvault.core.privacy;

import dev.consentvault.core.notify.Channel;

/**
 * Where to tell a person what happened to their request: an address or number they proved control
 * of (or gave with their complaint), and the language to tell them in. {@code toString} leaves the
 * address out.
 *
 * @param address a normalised email address or E.164 number
 * @param locale the capture's locale, or null (English)
 */
public record Contact(String address, String locale) {

    public Channel channel() {
        return address.contains("@") ? Channel.EMAIL : Channel.SMS;
    }

    @Override
    public String toString() {
        return "Contact[channel=" + channel() + ", locale=" + locale + "]";
    }
}
