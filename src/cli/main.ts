console.log('mtls-rotation');
