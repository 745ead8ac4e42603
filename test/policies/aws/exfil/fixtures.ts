import { TestResource } from "../../../harness";

/** Accounts for the exfiltration tests: the stack's own, another trusted one, and an outsider's. */
export const OWN = "111122223333";
export const TRUSTED = "444455556666";
export const OUTSIDER = "999988887777";

/** The boundary as a team configures it. */
export const boundary = { settings: { trustedAwsAccountIds: [OWN, TRUSTED] } };

/** A resource whose known ARN shows the stack's own account (how the boundary is found with nothing configured). */
export const ownArn = (name = "own-topic"): TestResource => ({ type: "aws:sns/topic:Topic", name, props: { arn: `arn:aws:sns:us-east-1:${OWN}:${name}` } });
