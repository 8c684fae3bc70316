package dev.switchboard;

/** Provider answers in the shapes the providers' own sources give; each names its source. */
public final class Fixtures {

    /**
     * Lever's 201 to a create-note as Nango's create-note template reads it, a whole note
     * (NangoHQ/integration-templates, integrations/lever/actions/create-note.ts); Lever's own
     * docs show only {@code {"data": {"noteId"}}}, kept in src/test/resources/fidelity/lever.
     * 1782974189118 ms is 2026-07-02T06:36:29.118Z.
     */
    public static final String LEVER_NOTE_CREATED = """
            {"data": {"id": "9b7d3c0e-5a1f-4e2b-8c6d-7f0a1b2c3d4e", "noteId": "9b7d3c0e-5a1f-4e2b-8c6d-7f0a1b2c3d4e",
                      "text": "Note",
                      "fields": [{"type": "note", "text": "Comment", "value": "Moving to onsite",
                                  "createdAt": 1782974189118, "score": null,
                                  "user": "8d49b010-cc6a-4f40-ace5-e86061c677ed", "stage": "lead-reached-out"}],
                      "user": "8d49b010-cc6a-4f40-ace5-e86061c677ed", "secret": true,
                      "completedAt": 1782974189118, "createdAt": 1782974189118, "deletedAt": null}}""";

    private Fixtures() {
    }
}
