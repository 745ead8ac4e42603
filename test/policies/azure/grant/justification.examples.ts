import { azGrantJustification as control } from "../../../../policies/azure/grant/justification";
import { AZ_ROLES, AZ_SUBSCRIPTION, azRole, defineExamples, fails, resource } from "../../../examples";

const eligibility = (props: Record<string, unknown>) =>
    resource("azure-native:authorization:PimRoleEligibilitySchedule", "dba-owner", {
        principalId: "11111111-1111-1111-1111-111111111111",
        roleDefinitionId: azRole(AZ_ROLES.owner),
        scope: `${AZ_SUBSCRIPTION}/resourceGroups/rg-phi`,
        justification: "On-call database administrator",
        ticketInfo: { ticketNumber: "SEC-7", ticketSystem: "Jira" },
        scheduleInfo: { startDateTime: "2026-01-01T00:00:00Z", expiration: { type: "AfterDuration", duration: "P180D" } },
        ...props,
    });
const noTicket = eligibility({ ticketInfo: undefined });
delete noTicket.props.ticketInfo;
const reader = resource("azure-native:authorization:RoleAssignment", "analyst-read", { principalId: "22222222-2222-2222-2222-222222222222", roleDefinitionId: azRole(AZ_ROLES.storageBlobDataReader), scope: `${AZ_SUBSCRIPTION}/resourceGroups/rg-phi` });

export default defineExamples({
    control,
    passing: { baseline: { says: "an Owner eligibility with a justification, a ticket and an expiry", resources: [eligibility({})] } },
    failing: {
        "no-ticket": { says: "no ticket recorded", resources: [noTicket], findings: [fails(noTicket, "ticketInfo.ticketNumber")] },
        "data-reader-no-description": { says: "a PHI data role assigned without saying why", resources: [reader], findings: [fails(reader, "description")] },
    },
});
