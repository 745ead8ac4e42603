// A hardened PHI workload: every module must pass every phi-guard control.
import "./foundation";
import "./aws-iam";
