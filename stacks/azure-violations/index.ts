// A PHI workload on Azure with the insider-threat paths phi-guard must catch. Each module holds the
// resources of one group of controls; expected/<module>.json lists the findings they must produce.
import "./foundation";
import "./az-data";
import "./az-network";
import "./az-rbac";
import "./az-exfil";
import "./az-stores";
import "./az-compute";
import "./az-access";
import "./coverage-more";
