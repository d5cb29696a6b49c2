import{b as e,x as t}from"./index-SRZAplxD.js";var n=async()=>(await e(`/api/areas`)).areas,r=e=>t(`/api/areas`,e);export{n,r as t};
//# sourceMappingURL=areas-KfnPio-M.js.map