// A hardened PHI workload on Azure: every module must pass every phi-guard control.
import "./foundation";
import "./az-data";
import "./az-network";
import "./az-rbac";
import "./az-stores";
import "./az-compute";
import "./az-access";
import "./coverage-more";
