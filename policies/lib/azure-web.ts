import { types } from "./type-tokens";

/** App Service sites; function apps and Logic Apps Standard are WebApps with a `kind` such as "functionapp". */
export const WEB_APPS = types("azure-native:web:WebApp");
