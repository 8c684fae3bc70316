package dev.switchboard.reads;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/** RFC 8288 Link headers as providers send them (Greenhouse Harvest v3, GitHub-style lists). */
class LinkHeaderTest {

    @Test
    void findsTheNextTargetAmongOthers() {
        // harvestdocs.greenhouse.io/docs/pagination: next and prev cursor links, no last.
        String header = "<https://harvest.greenhouse.io/v3/notes?cursor=abc>; rel=\"next\", "
                + "<https://harvest.greenhouse.io/v3/notes?cursor=xyz>; rel=\"prev\"";
        assertEquals(Optional.of("https://harvest.greenhouse.io/v3/notes?cursor=abc"), LinkHeader.target(header, "next"));
        assertEquals(Optional.of("https://harvest.greenhouse.io/v3/notes?cursor=xyz"), LinkHeader.target(header, "prev"));
    }

    @Test
    void readsUnquotedSpacedAndMultipleRelations() {
        assertEquals(Optional.of("/a?x=1,2"), LinkHeader.target("</a?x=1,2> ; type=\"text/html\" ; REL=next", "next"));
        assertEquals(Optional.of("/b"), LinkHeader.target("</a>; rel=\"first\", </b>; rel=\"last next\"", "next"));
    }

    @Test
    void noNextIsNone() {
        assertEquals(Optional.empty(), LinkHeader.target("</a>; rel=\"prev\"", "next"));
        assertEquals(Optional.empty(), LinkHeader.target("", "next"));
        assertEquals(Optional.empty(), LinkHeader.target("garbage; rel=next", "next"));
    }
}
