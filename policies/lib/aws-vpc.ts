import { types } from "./type-tokens";

/** VPCs the stack creates or adopts (the default VPC carries traffic too). */
export const VPCS = types("aws:ec2/vpc:Vpc", "aws:ec2/defaultVpc:DefaultVpc");
export const FLOW_LOGS = types("aws:ec2/flowLog:FlowLog");
export const VPC_ENDPOINTS = types("aws:ec2/vpcEndpoint:VpcEndpoint");

/**
 * Whether an endpoint's service name (`com.amazonaws.<region>.s3`) is for a service. The region
 * is often interpolated, so only the suffix after it is compared.
 */
export function endpointServes(serviceName: string, service: string): boolean {
    const name = serviceName.trim().toLowerCase();
    const svc = service.trim().toLowerCase();
    return name === svc || name.endsWith(`.${svc}`);
}
