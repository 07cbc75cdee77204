/**
 * 特定健診 files as insurers receive them (ref-checkup-codes.md): the whole 第4期 item table with its answer value
 * sets ({@link jp.hip.phr.checkup.file.CheckupItemTable}), the submission archive reader
 * ({@link jp.hip.phr.checkup.file.CheckupArchive}), the CDA parser ({@link jp.hip.phr.checkup.file.CdaCheckupParser})
 * and a CDA writer for demo data and tests ({@link jp.hip.phr.checkup.file.CdaCheckupWriter}). Pure Java, no
 * Spring, no database: the PHR store maps what they read (ADR 0040).
 */
@org.springframework.modulith.NamedInterface("checkup-file")
package jp.hip.phr.checkup.file;
