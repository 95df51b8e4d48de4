package org.scgmvae.report;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The report's one page: a header table, then sections of text and figures; the PNGs lie beside it, referenced by name. */
final class HtmlPage {

    private final StringBuilder body = new StringBuilder();
    private final List<String> images = new ArrayList<>();
    private final String title;

    HtmlPage(String title) {
        this.title = title;
    }

    HtmlPage header(Map<String, String> rows) {
        body.append("<table class=\"header\">\n");
        rows.forEach((k, v) -> body.append("<tr><th>").append(escape(k)).append("</th><td>").append(escape(v)).append("</td></tr>\n"));
        body.append("</table>\n");
        return this;
    }

    HtmlPage section(String heading, String text) {
        body.append("<h2>").append(escape(heading)).append("</h2>\n");
        if (text != null && !text.isEmpty()) {
            body.append("<p>").append(escape(text)).append("</p>\n");
        }
        return this;
    }

    HtmlPage figure(Figure f) {
        images.add(f.file());
        body.append("<figure><figcaption class=\"title\">").append(escape(f.title())).append("</figcaption>\n")
                .append("<img src=\"").append(escape(f.file())).append("\" alt=\"").append(escape(f.title())).append("\">\n");
        if (f.caption() != null && !f.caption().isEmpty()) {
            body.append("<figcaption>").append(escape(f.caption())).append("</figcaption>\n");
        }
        body.append("</figure>\n");
        return this;
    }

    /** Image files the page refers to, in order. */
    List<String> images() {
        return List.copyOf(images);
    }

    byte[] bytes() {
        String page = "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>" + escape(title) + "</title>\n"
                + "<style>body{font-family:sans-serif;max-width:1300px;margin:2em auto;color:#222}"
                + "table.header{border-collapse:collapse}table.header th{text-align:left;padding:2px 12px 2px 0;color:#555;vertical-align:top}"
                + "table.header td{padding:2px 0;font-family:monospace;white-space:pre-wrap}"
                + "figure{margin:1em 0 2em 0}img{max-width:100%;border:1px solid #eee}.title{font-weight:bold;margin-bottom:4px}"
                + "figcaption{color:#444}</style></head>\n<body>\n<h1>" + escape(title) + "</h1>\n" + body + "</body></html>\n";
        return page.getBytes(StandardCharsets.UTF_8);
    }

    static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
