import type { Control } from "./control";
import { awsControls } from "./aws";
import { azureControls } from "./azure";

/** Every control in the pack. Each cloud keeps its own list so that its controls are added in one place. */
export const controls: readonly Control[] = [...awsControls, ...azureControls];
