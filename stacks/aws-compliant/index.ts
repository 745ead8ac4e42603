// A hardened PHI workload: every module must pass every phi-guard control.
import "./foundation";
import "./aws-network";
import "./aws-data";
import "./aws-principals";
import "./aws-iam";
import "./aws-doors";
import "./aws-stores";
import "./aws-native";
import "./aws-native-more";
import "./aws-access";
