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

    /** How many ports the simulators take, from the first one given. */
    public static final int PORTS = 6;

    private final List<Javalin> started = new java.util.ArrayList<>();

    private Sandbox(int firstPort) {
        try {
            ashbyServer = start(ashby.create(), firstPort, 0);
            leverServer = start(lever.create(), firstPort, 1);
            recruiteeServer = start(recruitee.create(), firstPort, 2);
            workableServer = start(workable.create(), firstPort, 3);
            teamtailorServer = start(teamtailor.create(), firstPort, 4);
            greenhouseServer = start(greenhouse.create(), firstPort, 5);
        } catch (RuntimeException e) {
            started.forEach(Javalin::stop);
            throw firstPort == 0 ? e : new IllegalStateException("the sandbox's simulators need ports " + firstPort
                    + " to " + (firstPort + PORTS - 1) + " on " + HOST + ", and one is taken: set SWITCHBOARD_SANDBOX_PORT "
                    + "to the first of " + PORTS + " free ports", e);
        }
    }

    private Javalin start(Javalin server, int firstPort, int offset) {
        server.start(HOST, firstPort == 0 ? 0 : firstPort + offset);
        started.add(server);
        return server;
    }

    /** Simulators on ports the system picks. */
    public static Sandbox start() {
        return new Sandbox(0);
    }

    /**
     * Simulators on {@link #PORTS} ports from {@code firstPort} (0: the system picks): the
     * same ports on every start keep accounts that point at them working after a restart.
     */
    public static Sandbox start(int firstPort) {
        if (firstPort < 0 || firstPort > 65535 - PORTS) {
            throw new IllegalArgumentException("SWITCHBOARD_SANDBOX_PORT must be 1 to " + (65535 - PORTS) + ", not " + firstPort);
        }
        return new Sandbox(firstPort);
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
