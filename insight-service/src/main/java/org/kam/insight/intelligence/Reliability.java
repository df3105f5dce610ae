package org.kam.insight.intelligence;

/** How reliable a source organisation is (the Admiralty scale's first half, as NATO and MISP use it). */
public enum Reliability {
    /** Completely reliable: no doubt of its authenticity, trustworthiness or competence; a history of complete reliability. */
    A,
    /** Usually reliable: minor doubt; a history of mostly valid information. */
    B,
    /** Fairly reliable: doubt; has provided valid information in the past. */
    C,
    /** Not usually reliable: significant doubt; has provided valid information in the past. */
    D,
    /** Unreliable: lacking authenticity, trustworthiness and competency; a history of invalid information. */
    E,
    /** Reliability cannot be judged: no basis for evaluating it (every new organisation starts here). */
    F
}
