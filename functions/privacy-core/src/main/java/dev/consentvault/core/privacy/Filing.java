package dev.consentvault.core.privacy;

/**
 * Who filed a request, where, and the staff ticket it belongs to.
 *
 * @param jurisdiction the ISO 3166 code whose law sets the request's deadlines
 * @param requestedBy "receipt-holder", "complainant", "staff:&lt;id&gt;", or
 *     "complaint:&lt;requestId&gt;"
 * @param ticket a staff ticket reference, or null
 */
public record Filing(String jurisdiction, String requestedBy, String ticket) {}
