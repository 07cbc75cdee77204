/**
 * Scheduled jobs that run once per slot across nodes ({@link jp.hip.identity.jobs.JobRuns}, table
 * {@code plat_job_run}, ADR 0093): every node's scheduler fires, the node whose insert of the job and slot succeeds
 * runs it and records how it ended.
 */
@org.springframework.modulith.NamedInterface("jobs")
@jp.hip.identity.Capability(allowedDependencies = {})
package jp.hip.identity.jobs;
