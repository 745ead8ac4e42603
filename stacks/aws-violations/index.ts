// A PHI workload with the insider-threat paths phi-guard must catch. Each module holds the
// resources of one group of controls; expected/<module>.json lists the findings they must produce.
import "./foundation";
import "./aws-network";
import "./aws-data";
import "./aws-principals";
import "./aws-iam";
import "./aws-exfil";
import "./aws-doors";
import "./aws-stores";
import "./aws-native";
import "./aws-native-more";
import "./aws-access";
