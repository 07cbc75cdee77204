package jp.hip.guidelines.publicregister;

import java.util.List;

/** The permalink page: the current public entry of a registration number and its earlier generations. */
public record PublicEntryDetail(PublicEntry current, List<PublicEntry> history) {}
