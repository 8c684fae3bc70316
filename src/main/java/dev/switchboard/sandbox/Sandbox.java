package dev.switchboard.sandbox;

import io.javalin.Javalin;
import java.util.List;

/** The simulated providers, each running on a loopback port of its own. */
public final class Sandbox implements AutoCloseable {

    private static final String HOST = "127.0.0.1";

    private final AshbySimulator ashby = new AshbySimulator();
    private final LeverSimulator lever = new LeverSimulator();
    private final RecruiteeSimulator recruitee = new RecruiteeSimulator();
    private final WorkableSimulator workable = new WorkableSimulator();
    private final TeamtailorSimulator teamtailor = new TeamtailorSimulator();
    private final GreenhouseSimulator greenhouse = new GreenhouseSimulator();
    private final Javalin ashbyServer;
    private final Javalin leverServer;
    private final Javalin recruiteeServer;
    private final Javalin workableServer;
    private final Javalin teamtailorServer;
    private final Javalin greenhouseServer;

    private Sandbox() {
        ashbyServer = ashby.create().start(HOST, 0);
        leverServer = lever.create().start(HOST, 0);
        recruiteeServer = recruitee.create().start(HOST, 0);
        workableServer = workable.create().start(HOST, 0);
        teamtailorServer = teamtailor.create().start(HOST, 0);
        greenhouseServer = greenhouse.create().start(HOST, 0);
    }

    public static Sandbox start() {
        return new Sandbox();
    }

    public static String host() {
        return HOST;
    }

    public String ashbyUrl() {
        return origin(ashbyServer);
    }

    public String leverUrl() {
        return origin(leverServer) + "/v1";
    }

    /** The simulated Lever's OAuth token endpoint. */
    public String leverTokenUrl() {
        return origin(leverServer) + "/oauth/token";
    }

    public String recruiteeUrl() {
        return origin(recruiteeServer);
    }

    /** The simulated Workable's API root, as {@code https://{subdomain}.workable.com/spi/v3} would be. */
    public String workableUrl() {
        return origin(workableServer) + "/spi/v3";
    }

    public String teamtailorUrl() {
        return origin(teamtailorServer) + "/v1";
    }

    public String greenhouseUrl() {
        return origin(greenhouseServer) + "/v3";
    }

    /** The simulated Lever's consent page. */
    public String leverAuthorizeUrl() {
        return origin(leverServer) + "/authorize";
    }

    /** Each integration's simulated API root, by integration name. */
    public java.util.Map<String, String> baseUrls() {
        var urls = new java.util.LinkedHashMap<String, String>();
        urls.put("ashby", ashbyUrl());
        urls.put("lever", leverUrl());
        urls.put("recruitee", recruiteeUrl());
        urls.put("workable", workableUrl());
        urls.put("teamtailor", teamtailorUrl());
        urls.put("greenhouse", greenhouseUrl());
        return urls;
    }

    /** The simulated Greenhouse's client-credentials token endpoint. */
    public String greenhouseTokenUrl() {
        return origin(greenhouseServer) + "/token";
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

    public WorkableSimulator workable() {
        return workable;
    }

    public TeamtailorSimulator teamtailor() {
        return teamtailor;
    }

    public GreenhouseSimulator greenhouse() {
        return greenhouse;
    }

    private static String origin(Javalin server) {
        return "http://" + HOST + ":" + server.port();
    }

    @Override
    public void close() {
        List.of(ashbyServer, leverServer, recruiteeServer, workableServer, teamtailorServer, greenhouseServer)
                .forEach(Javalin::stop);
    }
}
