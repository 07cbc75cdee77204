/**
 * 特定健診 import: the MHLW standard XML and CSV readers and the import (facade
 * {@link jp.hip.phr.checkup.CheckupImport}).
 */
@org.springframework.modulith.NamedInterface("checkup")
@jp.hip.phr.Capability(allowedDependencies = {"persons", "observations"})
package jp.hip.phr.checkup;
