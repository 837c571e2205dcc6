package dev.flinkspipeline.tools.deploy;

/** The first lines of a generated file: where it comes from and how to regenerate it. */
final class GeneratedHeader {

    /** The command that regenerates every file from the plan. */
    static final String COMMAND = "deploy/local/pipeline-tools generate-deploy";

    private GeneratedHeader() {}

    static String yaml() {
        return shell();
    }

    static String shell() {
        return "# GENERATED from the topic and access plan (schemas: dev.flinkspipeline.schemas.plan) by\n"
                + "#   " + COMMAND + "\n"
                + "# Do not edit: change the plan and regenerate (a test fails when this file and the plan differ).\n";
    }
}
