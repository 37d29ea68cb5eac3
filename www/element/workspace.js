// The consultant's workspace as a part loaded on demand (workspace-hook.js, assets.js partUrl):
// unbundled this module, in the build its own bundle beside the element's. Its modules are in
// workspace/.
export { attachWorkspace } from "./workspace/index.js";
