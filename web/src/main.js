console.log("harmwatch")
