package jp.hip.phr.rights;

import java.time.LocalDate;
import java.util.UUID;

import jp.hip.phr.AccessBasis;

/**
 * Records a holder keeps by law after the person's deletion request (ADR 0041): which holder, under which statute
 * ({@link AccessBasis#STATUTE_INSURER}: 高確法 第22条・第25条 and 実施基準 第10条; {@link AccessBasis#STATUTE_EMPLOYER}: 安衛法
 * 第66条の3 and 安衛則 第51条), how many values of which checkup dates, and until when at least.
 */
public record RetainedRecord(UUID holderId, String holderName, AccessBasis statute, int values, int checkups,
        LocalDate firstDate, LocalDate lastDate, LocalDate keptUntil) {}
