package dev.switchboard.sandbox;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The simulated Ashby's interview schedules, the feedback submitted on their events, and
 * offers, made from the world's applications the same way on every start.
 *
 * <p>Shapes: an interview schedule is {id, status, applicationId, interviewStageId, scheduledBy,
 * createdAt, updatedAt, interviewEvents[]} (Ashby's OpenAPI, the interviewScheduleCreate webhook's
 * interviewSchedule), each event {id, interviewId, interviewScheduleId, interviewerUserIds,
 * createdAt, updatedAt, startTime, endTime, feedbackLink, location, meetingLink,
 * hasSubmittedFeedback, extraData} (interviewEvent.list results). Feedback follows
 * applicationFeedback.list's documented example (formDefinition, submittedValues, submittedByUser,
 * interviewId, interviewEventId, applicationId, submittedAt); offers follow offer.list (id, decidedAt,
 * applicationId, acceptanceStatus, offerStatus, latestVersion). Source: api-evangelist/ashby,
 * openapi/ashby-{interview-schedule,application-feedback,offer,webhook-payloads}-api-openapi.yml.
 */
final class AshbyInterviews {

    private static final Instant FIRST_INTERVIEW = Instant.parse("2026-02-02T15:00:00Z");
    private static final Map<String, Object> FORM = Map.of("sections", List.of(Map.of("title", "Technical Assessment",
            "fields", List.of(
                    Map.of("isRequired", true, "field", Map.of("id", AshbyWorld.id("form-field", 0), "type", "ValueSelect",
                            "path", "overall_recommendation", "title", "Overall Recommendation",
                            "humanReadablePath", "Overall Recommendation", "isNullable", false,
                            "selectableValues", List.of(Map.of("label", "Strong Hire", "value", "strong_hire"),
                                    Map.of("label", "Hire", "value", "hire"), Map.of("label", "No Hire", "value", "no_hire")))),
                    Map.of("isRequired", false, "field", Map.of("id", AshbyWorld.id("form-field", 1), "type", "Score",
                            "path", "technical_skills", "title", "Technical Skills",
                            "humanReadablePath", "Technical Skills", "isNullable", false)),
                    Map.of("isRequired", false, "field", Map.of("id", AshbyWorld.id("form-field", 2), "type", "RichText",
                            "path", "detailed_feedback", "title", "Detailed Feedback",
                            "humanReadablePath", "Detailed Feedback", "isNullable", false))))));

    final List<Map<String, Object>> schedules = new ArrayList<>();
    final List<Map<String, Object>> feedback = new ArrayList<>();
    final List<Map<String, Object>> offers = new ArrayList<>();

    AshbyInterviews(AshbyWorld world) {
        int scheduled = 0;
        int offered = 0;
        for (int i = 0; i < world.applications.size(); i++) {
            var application = world.applications.get(i);
            if (!"Active".equals(application.get("status"))) {
                continue;
            }
            String jobId = (String) ((Map<?, ?>) application.get("job")).get("id");
            String planId = (String) world.find(world.jobs, jobId).orElseThrow().get("defaultInterviewPlanId");
            if (i % 5 == 0) {
                schedule(world, application, world.stagesOf(planId).get(1), scheduled++);
            }
            if (i % 11 == 0) {
                offer(world, application, offered++);
            }
        }
    }

    /** A phone screen schedule: two events, the first with feedback, except every fourth one is still to come. */
    private void schedule(AshbyWorld world, Map<String, Object> application, Map<String, Object> stage, int number) {
        boolean upcoming = number % 4 == 3;
        String id = AshbyWorld.id("schedule", number);
        Instant start = FIRST_INTERVIEW.plus(number, ChronoUnit.DAYS);
        var owner = world.users.get(number % world.users.size());
        var events = new ArrayList<Map<String, Object>>();
        for (int e = 0; e < 2; e++) {
            var interviewer = world.users.get((number + e + 1) % world.users.size());
            Instant from = start.plus(e, ChronoUnit.HOURS);
            String eventId = AshbyWorld.id("event", number * 10 + e);
            var event = new LinkedHashMap<String, Object>();
            event.put("id", eventId);
            event.put("interviewId", AshbyWorld.id("interview", e));
            event.put("interviewScheduleId", id);
            event.put("interviewerUserIds", List.of(interviewer.get("id")));
            event.put("createdAt", start.minus(7, ChronoUnit.DAYS).toString());
            event.put("updatedAt", start.minus(7, ChronoUnit.DAYS).toString());
            event.put("startTime", from.toString());
            event.put("endTime", from.plus(45, ChronoUnit.MINUTES).toString());
            event.put("feedbackLink", "https://app.ashbyhq.com/interview-briefing/" + eventId + "/feedback");
            event.put("location", e == 0 ? "Video call" : "Bay Area Office, room 2");
            event.put("meetingLink", "https://meet.example.com/" + eventId.substring(0, 8));
            boolean submitted = !upcoming && e == 0;
            event.put("hasSubmittedFeedback", submitted);
            event.put("extraData", Map.of());
            events.add(event);
            if (submitted) {
                feedback(application, event, interviewer, from.plus(2, ChronoUnit.HOURS), feedback.size());
            }
        }
        var schedule = new LinkedHashMap<String, Object>();
        schedule.put("id", id);
        schedule.put("status", upcoming ? "Scheduled" : "WaitingOnFeedback");
        schedule.put("applicationId", application.get("id"));
        schedule.put("interviewStageId", stage.get("id"));
        schedule.put("scheduledBy", owner);
        schedule.put("createdAt", start.minus(7, ChronoUnit.DAYS).toString());
        schedule.put("updatedAt", start.minus(7, ChronoUnit.DAYS).toString());
        schedule.put("interviewEvents", events);
        schedules.add(schedule);
    }

    private void feedback(Map<String, Object> application, Map<String, Object> event, Map<String, Object> interviewer,
            Instant at, int number) {
        List<String> verdicts = List.of("strong_hire", "hire", "no_hire");
        var submission = new LinkedHashMap<String, Object>();
        submission.put("id", AshbyWorld.id("feedback", number));
        submission.put("applicationId", application.get("id"));
        submission.put("feedbackFormDefinitionId", AshbyWorld.id("feedback-form", 0));
        submission.put("interviewId", event.get("interviewId"));
        submission.put("interviewEventId", event.get("id"));
        submission.put("submittedAt", at.toString());
        submission.put("submittedByUser", interviewer);
        submission.put("formDefinition", FORM);
        submission.put("submittedValues", Map.of("overall_recommendation", verdicts.get(number % 3),
                "technical_skills", String.valueOf(1 + number % 4),
                "detailed_feedback", "Clear communication; solid fundamentals (feedback " + number + ")."));
        feedback.add(submission);
    }

    private void offer(AshbyWorld world, Map<String, Object> application, int number) {
        List<String[]> states = List.of(new String[] {"WaitingOnCandidateResponse", "WaitingOnResponse"},
                new String[] {"CandidateAccepted", "Accepted"}, new String[] {"WaitingOnOfferApproval", "Pending"},
                new String[] {"CandidateRejected", "Declined"});
        String[] state = states.get(number % states.size());
        boolean decided = state[0].startsWith("Candidate");
        var version = new LinkedHashMap<String, Object>();
        version.put("id", AshbyWorld.id("offer-version", number));
        version.put("startDate", "2026-04-0" + (1 + number % 9) + "T00:00:00.000Z");
        version.put("salary", Map.of("currencyCode", "USD", "value", 140000 + 5000 * number));
        version.put("createdAt", FIRST_INTERVIEW.plus(20 + number, ChronoUnit.DAYS).toString());
        version.put("openingId", AshbyWorld.id("opening", number));
        version.put("customFields", List.of());
        version.put("fileHandles", List.of());
        version.put("author", world.users.get(0));
        version.put("approvalStatus", state[0].equals("WaitingOnOfferApproval") ? "WaitingOnApprovals" : "Approved");
        var offer = new LinkedHashMap<String, Object>();
        offer.put("id", AshbyWorld.id("offer", number));
        offer.put("decidedAt", decided ? FIRST_INTERVIEW.plus(25 + number, ChronoUnit.DAYS).toString() : null);
        offer.put("applicationId", application.get("id"));
        offer.put("acceptanceStatus", state[1]);
        offer.put("offerStatus", state[0]);
        offer.put("latestVersion", version);
        offers.add(offer);
    }
}
