package io.miaopu.incubation.service;

import io.miaopu.chassis.security.Caller;

/** How a change's author is written in histories: the user name, else the machine client, else the subject. */
public final class Actors {

    private Actors() {
    }

    public static String of(Caller caller) {
        return caller.username() != null ? caller.username() : caller.clientId() != null ? caller.clientId() : caller.subject();
    }
}
