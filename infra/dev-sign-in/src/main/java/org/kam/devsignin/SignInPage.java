package org.kam.devsignin;

import java.util.List;

/** The development sign-in's pages: choose who to be. Plain HTML, every value escaped. */
final class SignInPage {

    private static final String STYLE = """
            body{font-family:system-ui,sans-serif;max-width:40rem;margin:3rem auto;padding:0 1rem;color:#1f2933}
            .warning{background:#fff4e5;border:1px solid #f0b35b;padding:.6rem .8rem;border-radius:6px}
            form{margin:0}button{display:block;width:100%;text-align:left;margin:.5rem 0;padding:.7rem .9rem;
            border:1px solid #c5ccd6;border-radius:6px;background:#fff;cursor:pointer;font-size:1rem}
            button:hover{background:#eef4ff}small{color:#52606d}""";

    private SignInPage() {
    }

    static String render(AuthorizationRequest request, List<DevSignIn.Person> people) {
        StringBuilder html = new StringBuilder("""
                <!doctype html><html lang="en"><head><meta charset="utf-8"><title>KAM development sign-in</title>
                <style>""").append(STYLE).append("""
                </style></head><body><h1>KAM development sign-in</h1>
                <p class="warning">For the local stack and tests only: anyone who reaches this page can sign in as anyone
                listed. Production signs in against your own identity provider.</p><p>Sign in as:</p>""");
        for (DevSignIn.Person person : people) {
            html.append("<form method=\"post\" action=\"/authorize\">");
            hidden(html, "client_id", request.clientId());
            hidden(html, "redirect_uri", request.redirectUri());
            hidden(html, "response_type", "code");
            hidden(html, "scope", request.scope());
            hidden(html, "state", request.state());
            hidden(html, "nonce", request.nonce());
            if (request.codeChallenge() != null) {
                hidden(html, "code_challenge", request.codeChallenge());
                hidden(html, "code_challenge_method", "S256");
            }
            hidden(html, "person", person.username());
            html.append("<button type=\"submit\" id=\"as-").append(escape(person.username())).append("\"><strong>")
                    .append(escape(person.name())).append("</strong> &mdash; ").append(escape(person.what()))
                    .append("<br><small>roles ").append(escape(String.join(", ", person.roles())))
                    .append("</small></button></form>");
        }
        return html.append("</body></html>").toString();
    }

    static String message(String text) {
        return "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>KAM development sign-in</title>"
                + "<style>" + STYLE + "</style></head><body><h1>KAM development sign-in</h1><p>" + escape(text)
                + "</p></body></html>";
    }

    private static void hidden(StringBuilder html, String name, String value) {
        if (value != null) {
            html.append("<input type=\"hidden\" name=\"").append(name).append("\" value=\"").append(escape(value))
                    .append("\">");
        }
    }

    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;")
                .replace("'", "&#39;");
    }
}
