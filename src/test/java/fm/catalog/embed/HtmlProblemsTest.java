package fm.catalog.embed;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Which clients get an embed's problem as an HTML page: those whose Accept takes HTML, or who send none. */
class HtmlProblemsTest {

    @Test
    void shouldWriteHtmlForBrowsersAndForClientsThatSendNoAccept() {
        assertTrue(HtmlProblems.takesHtml(null));
        assertTrue(HtmlProblems.takesHtml(" "));
        assertTrue(HtmlProblems.takesHtml("*/*"));
        // what an iframe's request sends
        assertTrue(HtmlProblems.takesHtml("text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,*/*;q=0.8"));
        assertTrue(HtmlProblems.takesHtml("application/json, text/*;q=0.5"));
        assertTrue(HtmlProblems.takesHtml("TEXT/HTML;Q=0.1"));
    }

    @Test
    void shouldKeepTheProblemDocumentForClientsThatTakeNoHtml() {
        assertFalse(HtmlProblems.takesHtml("application/json"));
        assertFalse(HtmlProblems.takesHtml("application/problem+json, application/json;q=0.9"));
        assertFalse(HtmlProblems.takesHtml("text/html;q=0, application/json"));
        assertFalse(HtmlProblems.takesHtml("text/html; q=0.000"));
        assertFalse(HtmlProblems.takesHtml("*/*;q=0"));
    }
}
