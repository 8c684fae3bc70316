package dev.switchboard.catalog;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Set;

/**
 * How a provider's list endpoint pages, by the names Truto's integration configs use.
 *
 * <ul>
 *   <li>{@code cursor} (the default): the list mapping yields {@code next_cursor}; the query
 *       or body mapping sends it back from {@code query.cursor} (Ashby, Lever).</li>
 *   <li>{@code link_header}: the next page is the {@code rel="next"} URL of the answer's
 *       {@code Link} header (RFC 8288), fetched as given (Greenhouse Harvest v3).</li>
 *   <li>{@code next_url}: the list mapping yields the next page's whole URL as
 *       {@code next_cursor}, fetched as given (Workable's {@code paging.next}).</li>
 *   <li>{@code page}: pages are numbered from {@code first_page}; the number goes in the
 *       {@code page_parameter} query parameter, and the list mapping yields {@code has_more}
 *       (Teamtailor's {@code page[number]}).</li>
 * </ul>
 *
 * A followed URL must stay on the account's own base URL: a provider cannot send
 * Switchboard, with the account's credentials, anywhere else.
 *
 * @param format        one of the formats above
 * @param pageParameter for {@code page}: the query parameter carrying the page number
 * @param firstPage     for {@code page}: the first page's number, 1 unless given
 */
public record Pagination(
        @JsonProperty("format") String format,
        @JsonProperty("page_parameter") String pageParameter,
        @JsonProperty("first_page") Integer firstPage) {

    private static final Set<String> FORMATS = Set.of("cursor", "link_header", "next_url", "page");
    public static final Pagination CURSOR = new Pagination("cursor", null, null);

    public Pagination {
        if (!FORMATS.contains(format)) {
            throw new IllegalArgumentException("pagination format must be one of " + FORMATS + ", not '" + format + "'");
        }
        if (format.equals("page") && (pageParameter == null || pageParameter.isBlank())) {
            throw new IllegalArgumentException("pagination format 'page' needs 'page_parameter'");
        }
        if (!format.equals("page") && (pageParameter != null || firstPage != null)) {
            throw new IllegalArgumentException("'page_parameter' and 'first_page' belong to pagination format 'page'");
        }
        firstPage = firstPage == null && format.equals("page") ? Integer.valueOf(1) : firstPage;
    }

    /** True when the provider's cursor is the next page's URL. */
    public boolean followsUrls() {
        return format.equals("link_header") || format.equals("next_url");
    }
}
