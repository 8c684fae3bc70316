package dev.switchboard.sandbox;

import io.javalin.Javalin;
import java.util.List;

/** The three simulated providers, running on loopback ports of their own. */
public final class Sandbox implements AutoCloseable {

    private static final String HOST = "127.0.0.1";

    private final AshbySimulator ashby = new AshbySimulator();
    private final LeverSimulator lever = new LeverSimulator();
    private final RecruiteeSimulator recruitee = new RecruiteeSimulator();
    private final Javalin ashbyServer;
    private final Javalin leverServer;
    private final Javalin recruiteeServer;

    private Sandbox() {
        ashbyServer = ashby.create().start(HOST, 0);
        leverServer = lever.create().start(HOST, 0);
        recruiteeServer = recruitee.create().start(HOST, 0);
    }

    public static Sandbox start() {
        return new Sandbox();
    }

    public static String host() {
        return HOST;
    }

    public String ashbyUrl() {
        return "http://" + HOST + ":" + ashbyServer.port();
    }

    public String leverUrl() {
        return "http://" + HOST + ":" + leverServer.port() + "/v1";
    }

    /** The simulated Lever's OAuth token endpoint. */
    public String leverTokenUrl() {
        return "http://" + HOST + ":" + leverServer.port() + "/oauth/token";
    }

    public String recruiteeUrl() {
        return "http://" + HOST + ":" + recruiteeServer.port();
    }

    public AshbySimulator ashby() {
        return ashby;
    }

    public LeverSimulator lever() {
        return lever;
    }

    public RecruiteeSimulator recruitee() {
        return recruitee;
    }

    @Override
    public void close() {
        List.of(ashbyServer, leverServer, recruiteeServer).forEach(Javalin::stop);
    }
}
