package dev.intriguing.magics;

import dev.intriguing.session.Session;

/** What every magic is given: the session it reads and binds names in, and the display it shows results on. */
public record MagicContext(Session session, Displayer displayer) {
}
