/**
 * 特定健診 files as insurers receive them (ref-checkup-codes.md): the whole 第4期 item table with its answer value
 * sets ({@link jp.hip.phr.checkupfile.CheckupItemTable}), the submission archive reader
 * ({@link jp.hip.phr.checkupfile.CheckupArchive}), the CDA parser ({@link jp.hip.phr.checkupfile.CdaCheckupParser})
 * and a CDA writer for demo data and tests ({@link jp.hip.phr.checkupfile.CdaCheckupWriter}). Pure Java, no
 * Spring, no database: the PHR store maps what they read (ADR 0040).
 */
@org.springframework.modulith.NamedInterface("checkupfile")
package jp.hip.phr.checkupfile;
