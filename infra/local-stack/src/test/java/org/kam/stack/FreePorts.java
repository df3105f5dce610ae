package org.kam.stack;

import java.util.HashSet;
import java.util.Set;

/** Free ports for one test's stack, all different: the system may hand a just-released port out again. */
final class FreePorts {

    private final Set<Integer> handedOut = new HashSet<>();

    int next() {
        while (true) {
            int port = Ports.freePort();
            if (handedOut.add(port)) {
                return port;
            }
        }
    }

    /** A port whose next port is free too, as Kafka's broker and controller need. */
    int nextPair() {
        while (true) {
            int port = Ports.freePortPair();
            if (!handedOut.contains(port) && !handedOut.contains(port + 1)) {
                handedOut.add(port);
                handedOut.add(port + 1);
                return port;
            }
        }
    }
}
