/**
 * Back-dated history for demo data, tests and benchmarks only ({@link jp.hip.guidelines.seeding.GuidelineSeeding},
 * {@link jp.hip.guidelines.seeding.Seed}; ADRs 0010, 0012).
 */
@org.springframework.modulith.NamedInterface("seeding")
package jp.hip.guidelines.seeding;
